import type { Command, Help, Option } from 'commander';
import { settings } from '../../config.ts';
import type { MessageKey } from '../../web/i18n/i18n.ts';
import { cliWords } from './language.ts';

const { t } = cliWords;

const titles: Record<string, MessageKey> = {
  'Usage:': 'cli.help.usage',
  'Arguments:': 'cli.help.arguments',
  'Options:': 'cli.help.options',
  'Global Options:': 'cli.help.globalOptions',
  'Commands:': 'cli.help.commands',
};

/** An option's description, with its default in the command's language. */
function optionDescription(option: Option): string {
  if (option.defaultValue === undefined || option.negate) return option.description;
  const value = option.defaultValueDescription ?? JSON.stringify(option.defaultValue);
  return `${option.description} (${t('cli.help.default', { value })})`;
}

/** Commander's own parse errors (exit code unchanged), in the command's language. */
export function localiseParseError(text: string): string {
  const rules: Array<[RegExp, (m: RegExpExecArray) => string]> = [
    [/^error: unknown option '(.+?)'/, (m) => t('cli.parse.unknownOption', { option: m[1]! })],
    [/^error: unknown command '(.+?)'/, (m) => t('cli.parse.unknownCommand', { command: m[1]! })],
    [
      /^error: required option '(.+?)' not specified/,
      (m) => t('cli.parse.requiredOption', { option: m[1]! }),
    ],
    [/^error: missing required argument '(.+?)'/, (m) => t('cli.parse.missingArgument', { argument: m[1]! })],
    [
      /^error: option '(.+?)' argument missing/,
      (m) => t('cli.parse.optionArgumentMissing', { option: m[1]! }),
    ],
    [
      /^error: too many arguments.*Expected (\d+) arguments? but got (\d+)\./,
      (m) => t('cli.parse.tooManyArguments', { expected: m[1]!, received: m[2]! }),
    ],
  ];
  const [first = '', ...rest] = text.split('\n');
  const rule = rules.map(([re, say]) => [re.exec(first), say] as const).find(([m]) => m);
  const head = rule ? rule[1](rule[0]!) : first;
  const tail = rest.map((line) => {
    const suggestion = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(line);
    return suggestion ? t('cli.parse.didYouMean', { names: suggestion[1]! }) : line;
  });
  return [head, ...tail].join('\n');
}

/** The settings table at the end of `cairn --help`: every setting of config.ts, and CAIRN_LANG. */
export function settingsHelp(): string {
  const rows = Object.entries(settings).map(([name, s]) => {
    const help = t(`cli.settings.${name as keyof typeof settings}` satisfies MessageKey);
    const fallback = s.default ? ` ${t('cli.help.settingDefault', { value: s.default })}` : '';
    return `  ${name.padEnd(22)} ${help}${fallback}`;
  });
  rows.push(`  ${'CAIRN_LANG'.padEnd(22)} ${t('cli.help.language')}`);
  return `\n${t('cli.help.settings')}\n${rows.join('\n')}\n`;
}

/**
 * Commander speaks the command's language: section titles, the help option and command, defaults
 * and parse errors. Call before adding commands: they inherit these settings when created.
 */
export function localiseCommander(program: Command): Command {
  const help: Partial<Help> = {
    styleTitle: (title: string) => (titles[title] ? t(titles[title]) : title),
    optionDescription,
  };
  return program
    .configureHelp(help)
    .helpOption('-h, --help', t('cli.help.helpOption'))
    .helpCommand('help [command]', t('cli.help.helpCommand'))
    .configureOutput({ outputError: (text, write) => write(localiseParseError(text)) });
}
