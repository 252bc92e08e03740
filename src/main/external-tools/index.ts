// External programs (COLMAP, ffmpeg) run from the main process / CLI only: find the binary,
// say how to install it when missing, stream its log, kill its process group on cancel.
export { findTool, envVarFor, INSTALL_HINT, ToolMissingError } from './find-tool';
export type { ExternalTool } from './find-tool';
export { runTool, RUN_TOOL_DEFAULTS, ToolFailedError, ToolCancelledError } from './run-tool';
export type { RunToolOptions, RunToolResult } from './run-tool';
