import { describe, expect, it } from 'vitest';
import { lineOf, load } from '../helpers.js';

const BASE = `x-common: &common
  env_file: app.env
services:
  app:
    <<: *common
    image: example/app:\${TAG:-1.0}
    command: ["serve", "--port", "8000"]
    ports:
      - 8000
      - "127.0.0.1:9000:9000/tcp"
      - target: 80
        published: "8080"
        host_ip: 0.0.0.0
    environment:
      - LIST_FORM=value
      - PASSTHROUGH
    networks:
      front:
        aliases: [app.localtest.me]
    extra_hosts:
      - "host.docker.internal:host-gateway"
    labels:
      traefik.enable: "true"
    volumes:
      - ./conf/app.conf:/etc/app.conf:ro
      - data:/data
networks:
  front: {}
  back:
    internal: true
`;

describe('compose loader', () => {
  it('reads services with positions, anchors, env_file and the list and long syntaxes', () => {
    const model = load({ 'docker-compose.yml': BASE, 'app.env': 'FROM_FILE=1\nLIST_FORM=overridden-by-environment\n', 'conf/app.conf': 'x' });
    const app = model.services[0]!;
    expect(app.image).toEqual({ value: 'example/app:1.0', at: { file: 'docker-compose.yml', line: lineOf(BASE, 'image:') } });
    expect(app.command.map((c) => c.value)).toEqual(['serve', '--port', '8000']);
    expect(app.ports.map((p) => [p.hostIp, p.published, p.target])).toEqual([
      [undefined, undefined, 8000],
      ['127.0.0.1', '9000', 9000],
      ['0.0.0.0', '8080', 80],
    ]);
    // env_file comes from the <<: *common anchor; environment overrides what it sets.
    expect([...app.environment.keys()].sort()).toEqual(['FROM_FILE', 'LIST_FORM', 'PASSTHROUGH']);
    expect(app.environment.get('LIST_FORM')).toMatchObject({ value: 'value', listForm: true, origin: 'environment' });
    expect(app.environment.get('PASSTHROUGH')!.value).toBeUndefined();
    expect(app.environment.get('FROM_FILE')).toMatchObject({ value: '1', origin: 'env_file', at: { file: 'app.env', line: 1 } });
    expect(app.networks).toEqual([{ name: 'front', at: { file: 'docker-compose.yml', line: lineOf(BASE, '      front:') }, aliases: [{ value: 'app.localtest.me', at: expect.anything() }] }]);
    expect(app.extraHosts.map((h) => h.value)).toEqual(['host.docker.internal:host-gateway']);
    expect(app.volumes.map((v) => [v.type, v.hostPath, v.target])).toEqual([
      ['bind', 'conf/app.conf', '/etc/app.conf'],
      ['volume', undefined, '/data'],
    ]);
    expect(model.networks.get('back')!.internal).toBe(true);
    expect(model.files).toContain('app.env');
  });

  it('merges the override file: environment by key, ports appended, command replaced', () => {
    const override = 'services:\n  app:\n    command: serve --debug\n    ports: ["7000:7000"]\n    environment:\n      LIST_FORM: overridden\n';
    const model = load({ 'docker-compose.yml': BASE, 'docker-compose.override.yml': override, 'app.env': '', 'conf/app.conf': 'x' });
    const app = model.services[0]!;
    expect(app.command.map((c) => c.value)).toEqual(['serve', '--debug']);
    expect(app.ports).toHaveLength(4);
    expect(app.environment.get('LIST_FORM')).toMatchObject({ value: 'overridden', at: { file: 'docker-compose.override.yml', line: 6 } });
    expect(app.environment.get('PASSTHROUGH')).toBeDefined();
    expect(model.composeFiles).toEqual(['docker-compose.yml', 'docker-compose.override.yml']);
  });

  it('points a value interpolated from .env at its .env line', () => {
    const compose = 'services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:?required}\n';
    const model = load({ 'docker-compose.yml': compose, '.env': '# db\nDB_PASSWORD=s3cret\n' });
    expect(model.services[0]!.environment.get('POSTGRES_PASSWORD')).toMatchObject({ value: 's3cret', refs: ['DB_PASSWORD'], valueAt: { file: '.env', line: 2 } });
  });
});
