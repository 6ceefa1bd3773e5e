/** Someone who wrote to the bot, known by their WhatsApp address. */
export interface Customer {
  id: number;
  /** The `From` address, e.g. `whatsapp:+14155550100`. */
  address: string;
  /** WhatsApp profile name, when Twilio sent one. */
  profileName: string | undefined;
  createdAt: string;
}

/** Where customers live. Async so that a database could stand in without changing callers. */
export interface CustomerDirectory {
  /** The customer with this address, created on first contact. */
  findOrCreate(address: string, profileName: string | undefined): Promise<Customer>;
  count(): Promise<number>;
}

/** Customers in this process's memory: the demo keeps nothing across restarts. */
export class MemoryCustomerDirectory implements CustomerDirectory {
  readonly #byAddress = new Map<string, Customer>();
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  async findOrCreate(address: string, profileName: string | undefined): Promise<Customer> {
    const existing = this.#byAddress.get(address);
    if (existing) return existing;

    const customer: Customer = {
      id: this.#byAddress.size + 1,
      address,
      profileName,
      createdAt: this.#now().toISOString(),
    };
    this.#byAddress.set(address, customer);
    return customer;
  }

  async count(): Promise<number> {
    return this.#byAddress.size;
  }
}
