import { join } from 'node:path';
import { describeDemoSmoke } from '@twilio-guard/demo-bot/testing';

describeDemoSmoke({ appDir: join(import.meta.dirname, '..'), framework: 'Fastify' });
