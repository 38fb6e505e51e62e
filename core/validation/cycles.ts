/**
 * Strongly connected components with more than one member (Tarjan, iterative so a long chain cannot overflow
 * the stack). `successors[v]` lists the vertices v points to; vertices are 0…n-1.
 */
export function cyclicComponents(successors: readonly (readonly number[])[]): number[][] {
  const count = successors.length;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  for (let start = 0; start < count; start++) {
    if (index[start] !== -1) continue;
    const calls: Array<{ vertex: number; edge: number }> = [{ vertex: start, edge: 0 }];
    index[start] = low[start] = counter++;
    stack.push(start);
    onStack[start] = 1;
    while (calls.length > 0) {
      const frame = calls[calls.length - 1] as { vertex: number; edge: number };
      const edges = successors[frame.vertex] ?? [];
      if (frame.edge < edges.length) {
        const next = edges[frame.edge++] as number;
        if (index[next] === -1) {
          index[next] = low[next] = counter++;
          stack.push(next);
          onStack[next] = 1;
          calls.push({ vertex: next, edge: 0 });
        } else if (onStack[next]) {
          low[frame.vertex] = Math.min(low[frame.vertex] as number, index[next] as number);
        }
        continue;
      }
      calls.pop();
      const parent = calls[calls.length - 1];
      if (parent) low[parent.vertex] = Math.min(low[parent.vertex] as number, low[frame.vertex] as number);
      if (low[frame.vertex] !== index[frame.vertex]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop() as number;
        onStack[member] = 0;
        component.push(member);
      } while (member !== frame.vertex);
      if (component.length > 1) components.push(component.sort((a, b) => a - b));
    }
  }
  return components;
}

/** A shortest cycle through `start` inside `component`: start → … → start (start repeated at the end). */
export function cycleThrough(start: number, component: readonly number[], successors: readonly (readonly number[])[]): number[] {
  const members = new Set(component);
  const parent = new Map<number, number>([[start, -1]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const vertex = queue[head] as number;
    for (const next of successors[vertex] ?? []) {
      if (next === start) {
        const backwards: number[] = [];
        for (let at = vertex; at !== start; at = parent.get(at) as number) backwards.push(at);
        return [start, ...backwards.reverse(), start];
      }
      if (!members.has(next) || parent.has(next)) continue;
      parent.set(next, vertex);
      queue.push(next);
    }
  }
  return [start, start];
}
