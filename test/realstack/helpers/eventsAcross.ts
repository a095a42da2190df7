/**
 * Whether Prefect's processes share their messaging: a subscriber on one API
 * replica waits for an event that Prefect's own events client sends to
 * another. With the in-memory broker each replica keeps its events to itself
 * and the subscriber times out; through Redis it receives it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { COMPONENTS } from '../components.js';

const SCRIPT = `
import asyncio, sys, uuid
from prefect.events import Event
from prefect.events.clients import PrefectEventsClient, PrefectEventSubscriber
from prefect.events.filters import EventFilter, EventNameFilter

async def main(emit_at, subscribe_at):
    name = f"prefect-secure.across.{uuid.uuid4()}"
    async with PrefectEventSubscriber(api_url=subscribe_at, filter=EventFilter(event=EventNameFilter(name=[name]))) as subscriber:
        async with PrefectEventsClient(api_url=emit_at) as client:
            await client.emit(Event(event=name, resource={"prefect.resource.id": "prefect-secure.scale-test"}))
        async def first():
            async for event in subscriber:
                return event
        event = await asyncio.wait_for(first(), 60)
        print("received", event.event == name)

asyncio.run(main(sys.argv[1], sys.argv[2]))
`;

/** Sends an event at `emitAt` (an API URL) and returns what a subscriber at `subscribeAt` printed ("received True" when it got it). */
export async function eventAcross(emitAt: string, subscribeAt: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'prefect-secure-across-'));
  writeFileSync(join(dir, 'across.py'), SCRIPT);
  const result = await execa(COMPONENTS.python, [join(dir, 'across.py'), emitAt, subscribeAt], {
    cwd: dir,
    reject: false,
    timeout: 120_000,
    env: { PREFECT_HOME: join(dir, '.prefect'), HOME: dir, PATH: '/usr/bin:/bin' },
    extendEnv: false,
    all: true,
  });
  return String(result.all);
}
