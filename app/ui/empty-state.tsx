import { Link } from "@remix-run/react";

/** What a listing shows instead of cards, with a way on when there is one. */
export function EmptyState({ message, action }: { message: string; action?: { to: string; label: string } }) {
  return (
    <div className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-10 text-center">
      <p className="text-stone-700">{message}</p>
      {action ? (
        <Link to={action.to} className="mt-4 inline-block rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}
