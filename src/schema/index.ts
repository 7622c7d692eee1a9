import { builder } from './builder.ts';
import './types/system.ts';

export const schema = builder.toSchema({ sortSchema: true });
