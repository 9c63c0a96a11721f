// The part of autocannon's API the HTTP bench uses (the package ships no types).
declare module "autocannon" {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    method?: "GET" | "POST";
    body?: string;
    headers?: Record<string, string>;
    requests?: {
      method?: "GET" | "POST";
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (req: { body?: string; path?: string }) => { body?: string; path?: string };
    }[];
  }
  interface Result {
    requests: { average: number };
    latency: { p99: number; p50: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
