#!/usr/bin/env node
// The `cairn` command. Cairn's sources are TypeScript, loaded through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli.ts');
