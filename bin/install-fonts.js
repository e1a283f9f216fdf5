#!/usr/bin/env node
import { register } from 'tsx/esm/api';

register();
const { installFonts } = await import('../scripts/install-fonts.ts');
process.exitCode = await installFonts();
