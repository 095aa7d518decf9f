// Redis and PostgreSQL for the queue-mode run, as plain child processes: each on a free loopback
// port with a throwaway data directory, no service manager, removed when stopped. PostgreSQL
// refuses to run as root, so as root initdb and postgres run as the `postgres` user the Debian
// package creates.
import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { sh } from './lib.mjs';

export const freePort = () =>
	new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pgBin() {
	const base = '/usr/lib/postgresql';
	const versions = existsSync(base)
		? readdirSync(base)
				.filter((v) => existsSync(path.join(base, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!versions.length) throw new Error('PostgreSQL is not installed (run e2e/queue-services.sh)');
	return path.join(base, versions[0], 'bin');
}

/** A long-running child whose output is kept (last 200 kB) for the failure message. */
function daemon(cmd, args, options = {}) {
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
	let log = '';
	const keep = (d) => {
		log += d;
		if (log.length > 200_000) log = log.slice(-100_000);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const exited = new Promise((resolve) => child.on('exit', resolve));
	return {
		child,
		log: () => log,
		async stop(signal = 'SIGTERM', graceMs = 10000) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			// A detached child leads its own process group: signal the group (n8n's task runner too).
			const kill = (s) => {
				try {
					if (options.detached) process.kill(-child.pid, s);
					else child.kill(s);
				} catch {
					// already gone
				}
			};
			kill(signal);
			const timer = setTimeout(() => kill('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
		},
	};
}

async function waitFor(what, proc, probe, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (proc.child.exitCode !== null)
			throw new Error(`${what} exited:\n${proc.log().slice(-3000)}`);
		if (await probe().catch(() => false)) return;
		await sleep(200);
	}
	throw new Error(`${what} did not come up in ${timeoutMs / 1000} s:\n${proc.log().slice(-3000)}`);
}

const tcpOpen = (port) =>
	new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});

export async function startRedis() {
	const port = await freePort();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-queue-redis-'));
	const proc = daemon('redis-server', [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--dir',
		dir,
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
	]);
	try {
		await waitFor('redis-server', proc, () => tcpOpen(port));
	} catch (error) {
		await proc.stop('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	return {
		port,
		async stop() {
			await proc.stop();
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

export async function startPostgres() {
	const bin = pgBin();
	const port = await freePort();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-queue-pg-'));
	const data = path.join(dir, 'data');
	const asRoot = process.getuid?.() === 0;
	let uid;
	let gid;
	if (asRoot) {
		uid = Number(sh('id', ['-u', 'postgres']).trim());
		gid = Number(sh('id', ['-g', 'postgres']).trim());
		chownSync(dir, uid, gid);
	}
	const as = asRoot ? { uid, gid, env: { ...process.env, HOME: dir } } : {};
	sh(
		path.join(bin, 'initdb'),
		['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-locale'],
		{ ...as, cwd: dir },
	);
	const proc = daemon(
		path.join(bin, 'postgres'),
		[
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'max_connections=200',
			// Throwaway data: durability only costs CPU here.
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		{ ...as, cwd: dir },
	);
	const psql = (sql, database = 'postgres') =>
		sh('psql', [
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			'postgres',
			'-d',
			database,
			'-v',
			'ON_ERROR_STOP=1',
			'-At',
			'-F',
			'\t',
			'-c',
			sql,
		]);
	try {
		await waitFor('postgres', proc, async () => {
			psql('select 1');
			return true;
		});
	} catch (error) {
		await proc.stop('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
		throw error;
	}
	return {
		port,
		psql,
		log: proc.log,
		async stop() {
			// SIGINT: PostgreSQL's "fast" shutdown.
			await proc.stop('SIGINT');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

export { daemon, sleep, waitFor };
