// n8n 2.x processes for the queue-mode run: the environment they share (PostgreSQL, Redis, one user
// folder with the package, one encryption key) and the ports each one needs for itself.
import path from 'node:path';

import { n8n, n8nEnv } from './lib.mjs';
import { daemon, freePort, sleep } from './queue-infra.mjs';

/** What every process of one n8n deployment shares. */
export function deploymentEnv({ postgres, database, redis, mode }) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		DB_POSTGRESDB_POOL_SIZE: '4',
		EXECUTIONS_MODE: mode,
		...(mode === 'queue'
			? {
					QUEUE_BULL_REDIS_HOST: '127.0.0.1',
					QUEUE_BULL_REDIS_PORT: String(redis.port),
					// Production webhooks go through the webhook process only.
					N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
				}
			: {}),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_LOG_LEVEL: 'info',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		N8N_METRICS: 'false',
	};
}

/**
 * One n8n process (`start`, `worker`, `webhook`) with its own HTTP, task-broker and health ports
 * and its own event-log file (they share one user folder).
 */
export async function startProcess(target, userFolder, sharedEnv, name, args) {
	const port = await freePort();
	const env = n8nEnv(target, userFolder, {
		...sharedEnv,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(port),
		N8N_EVENTBUS_LOGWRITER_LOGBASENAME: `n8nEventLog-${name}`,
	});
	const proc = daemon(path.join(target.dir, 'node_modules', '.bin', 'n8n'), args, {
		env,
		cwd: userFolder,
		// Its own process group, so stopping it also stops its task runner.
		detached: true,
	});
	const base = `http://127.0.0.1:${port}`;
	return { name, base, port, ...proc };
}

export async function waitHealthy(procs, timeoutMs = 240000) {
	const deadline = Date.now() + timeoutMs;
	const pending = new Set(procs);
	while (pending.size && Date.now() < deadline) {
		for (const p of [...pending]) {
			if (p.child.exitCode !== null)
				throw new Error(`n8n ${p.name} exited:\n${p.log().slice(-4000)}`);
			try {
				if ((await fetch(`${p.base}/healthz`)).ok) pending.delete(p);
			} catch {
				// not listening yet
			}
		}
		await sleep(500);
	}
	if (pending.size)
		throw new Error(
			`n8n did not become healthy: ${[...pending].map((p) => `${p.name}:\n${p.log().slice(-3000)}`).join('\n')}`,
		);
}

/** The CLI against one deployment's database (imports, publish). */
export const cli = (target, userFolder, sharedEnv, args) =>
	n8n(target, userFolder, args, { ...sharedEnv, N8N_LOG_LEVEL: 'warn' });
