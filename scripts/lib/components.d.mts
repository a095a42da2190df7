export const REPO_ROOT: string;
export const COMPONENTS_DIR: string;
export const NGINX_MINOR: string;
export const NGINX_PATH: string;
export function installedNginx(): string | undefined;
export const NODE_MAJORS: number[];
export function installedNode(major: number): string | undefined;
