// Log lines name the route a request matched (`routes/reset-password.$token`), not its path or query:
// paths carry tokens and queries carry whatever a visitor typed.
import { matchRoutes } from "@remix-run/react";

/** What the namer needs of a build's route manifest (`ServerBuild["routes"]`). */
interface BuildRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
}
type RouteObject = Parameters<typeof matchRoutes>[0][number];

function routeTree(routes: BuildRoute[], parentId: string | undefined): RouteObject[] {
  return routes
    .filter((route) => route.parentId === parentId)
    .map((route): RouteObject => (route.index ? { id: route.id, path: route.path, index: true } : { id: route.id, path: route.path, caseSensitive: route.caseSensitive, children: routeTree(routes, route.id) }));
}

/** A function from a URL path to the id of the deepest route it matches (single-fetch `.data` paths included). */
export function createRouteNamer(routes: Record<string, BuildRoute>): (pathname: string) => string {
  const tree = routeTree(Object.values(routes), undefined);
  const match = (page: string) => matchRoutes(tree, page)?.at(-1)?.route.id ?? "unmatched";
  // Matching walks and ranks the whole route tree on every call; a path without parameters always
  // names the same route, so the paths of the routes themselves are named once, when first asked
  // (naming them all here took a sixth of a second of the server's start).
  const statics = new Set(staticPaths(tree, ""));
  const named = new Map<string, string>();
  return (pathname) => {
    const page = pathname.endsWith(".data") ? pathname.slice(0, -".data".length).replace(/^\/_root$/, "/") : pathname;
    const known = named.get(page);
    if (known) return known;
    // The router warns on the console, path included, about a path it cannot decode.
    if (!isDecodable(page)) return "undecodable";
    const id = match(page);
    if (statics.has(page)) named.set(page, id);
    return id;
  };
}

/** The full paths of the routes whose paths have no parameter, splat or optional segment. */
function staticPaths(routes: RouteObject[], parent: string): string[] {
  return routes.flatMap((route) => {
    if (/[:*?(]/.test(route.path ?? "")) return [];
    const path = route.path ? `${parent.replace(/\/$/, "")}/${route.path}` : parent || "/";
    return [path, ...staticPaths(route.children ?? [], path)];
  });
}

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
