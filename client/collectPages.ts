import type { Page } from '../core/api/page';

/** Every item of a paged list, following `nextCursor` until the last page (or until `max` items). */
export async function collectPages<Item>(fetchPage: (cursor: string | undefined) => Promise<Page<Item>>, max = Number.POSITIVE_INFINITY): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length < max);
  return items;
}
