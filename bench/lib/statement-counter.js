'use strict';
/**
 * Counts the SQL statements a server sends, from outside it: a pass-through TCP proxy in front of
 * PostgreSQL that reads the frontend protocol and counts Execute ('E', one per statement of the
 * extended protocol, i.e. every parameterised query) and Query ('Q', simple protocol: BEGIN, COMMIT
 * and queries without parameters) messages. Counted the same way for Accords and the baseline,
 * BEGIN/COMMIT included; no change to either server (pg_stat_statements would need a restart of
 * PostgreSQL with shared_preload_libraries, which a bench may not do). The proxy is used only in the
 * untimed check pass, never while timing.
 */
const net = require('node:net');

function createStatementCounter({ pgHost = '127.0.0.1', pgPort = 5432 } = {}) {
  let statements = 0;
  const sockets = new Set();

  const server = net.createServer((client) => {
    const upstream = net.connect({ host: pgHost, port: pgPort });
    sockets.add(client).add(upstream);
    let buffer = Buffer.alloc(0);
    let started = false; // the startup message (and SSLRequest) carry no type byte
    client.on('data', (chunk) => {
      upstream.write(chunk);
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        if (!started) {
          if (buffer.length < 8) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          if (code !== 80877103) started = true; // 80877103: SSLRequest, a startup message follows
          continue;
        }
        if (buffer.length < 5) break;
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) break;
        const type = String.fromCharCode(buffer[0]);
        if (type === 'E' || type === 'Q') statements++;
        buffer = buffer.subarray(1 + length);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });

  return {
    async listen() {
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server.address().port;
    },
    get count() {
      return statements;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

module.exports = { createStatementCounter };
