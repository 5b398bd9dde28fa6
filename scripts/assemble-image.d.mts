import type { RuntimeStage } from './dockerfile-runtime.mjs';
export function assembleImage(out: string): RuntimeStage;
