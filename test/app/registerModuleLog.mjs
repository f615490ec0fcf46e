import { register } from 'node:module';

register('./moduleLog.mjs', import.meta.url);
