// A TCP port that is free right now on the loopback interface: the kernel picks one for a listener
// on port 0, which is closed again for the server to bind. Another process can take it in between,
// so the server start retries with a new port when the bind fails.

import net from 'node:net';

export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen({ host, port: 0, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      probe.close(() => (port === undefined ? reject(new Error('no port assigned')) : resolve(port)));
    });
  });
}
