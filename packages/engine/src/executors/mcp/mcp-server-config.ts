/** How to reach one MCP server: a command speaking stdio, or a Streamable HTTP endpoint. */
export type McpServerConfig = McpStdioServerConfig | McpHttpServerConfig;

export interface McpStdioServerConfig {
  /** Program and arguments of the server; never run through a shell. */
  command: string[];
  /** Environment names passed to the server (besides PATH, HOME, LANG). */
  env?: string[];
  cwd?: string;
}

export interface McpHttpServerConfig {
  url: string;
  /** Sent with every request; values may use `${secrets.NAME}` and `${env.NAME}`. */
  headers?: Record<string, string>;
}

/** Pure; whether a server is reached over stdio. */
export function isStdioServer(config: McpServerConfig): config is McpStdioServerConfig {
  return 'command' in config;
}
