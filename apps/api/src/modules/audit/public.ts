/**
 * The audit module's surface for the server: the checkpoint job it starts, and the public
 * key it serves at /.well-known/privet-checkpoint-key.
 *
 * The rest of the module is its own: other modules and the server import only this file
 * (architecture.test.ts).
 */
export {
  CHECKPOINT_INTERVAL_MS,
  type CheckpointJob,
  startCheckpointJob,
} from "./checkpoint-job.js";
export { CHECKPOINT_KEY_PATH, checkpointKeyRoute } from "./checkpoint-key.route.js";
