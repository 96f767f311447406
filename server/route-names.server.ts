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
  return (pathname) => {
    const page = pathname.endsWith(".data") ? pathname.slice(0, -".data".length).replace(/^\/_root$/, "/") : pathname;
    // The router warns on the console, path included, about a path it cannot decode.
    if (!isDecodable(page)) return "undecodable";
    return matchRoutes(tree, page)?.at(-1)?.route.id ?? "unmatched";
  };
}

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
