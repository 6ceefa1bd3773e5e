/**
 * `received` when created, `confirmed` once the confirmation went out, `failed` when it could not
 * be sent, `cancelled` when the customer cancelled.
 */
export type OrderStatus = 'received' | 'confirmed' | 'failed' | 'cancelled';

export interface Order {
  id: number;
  customerId: number;
  /** The customer's address, kept for the confirmation. */
  address: string;
  itemId: string;
  itemName: string;
  quantity: number;
  totalCents: number;
  status: OrderStatus;
  /** The `MessageSid` of the message that placed the order. */
  messageSid: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export type NewOrder = Omit<Order, 'id' | 'status' | 'createdAt' | 'updatedAt'>;

export interface OrderBook {
  create(order: NewOrder): Promise<Order>;
  setStatus(id: number, status: OrderStatus): Promise<Order>;
  /** The customer's most recent order, if any. */
  latestFor(customerId: number): Promise<Order | undefined>;
  /** Every order, oldest first. */
  list(): Promise<Order[]>;
}

/** Orders in this process's memory. Returns copies, so callers never edit the book by accident. */
export class MemoryOrderBook implements OrderBook {
  readonly #orders: Order[] = [];
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  async create(order: NewOrder): Promise<Order> {
    const time = this.#now().toISOString();
    const created: Order = {
      id: this.#orders.length + 1,
      ...order,
      status: 'received',
      createdAt: time,
      updatedAt: time,
    };
    this.#orders.push(created);
    return { ...created };
  }

  async setStatus(id: number, status: OrderStatus): Promise<Order> {
    const order = this.#orders[id - 1];
    if (!order) throw new Error(`Order ${id} does not exist.`);
    order.status = status;
    order.updatedAt = this.#now().toISOString();
    return { ...order };
  }

  async latestFor(customerId: number): Promise<Order | undefined> {
    const order = this.#orders.findLast((candidate) => candidate.customerId === customerId);
    return order && { ...order };
  }

  async list(): Promise<Order[]> {
    return this.#orders.map((order) => ({ ...order }));
  }
}
