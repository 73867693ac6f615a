/** The models Ordo knows, by name. */
import type { ModelName } from '../ast.js';
import type { Model } from './model.js';
import { rc11 } from './rc11.js';
import { sc } from './sc.js';

export const MODELS: Readonly<Record<ModelName, Model>> = { rc11, sc };

export const MODEL_NAMES: readonly ModelName[] = ['rc11', 'sc'];

export function getModel(name: ModelName): Model {
  return MODELS[name];
}
