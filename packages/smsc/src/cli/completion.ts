import type { Command } from "./command.js";
import type { Env, Flag, Flags } from "./flags.js";
import { CLIENT_FLAGS, OUTPUT_FLAGS, VERBOSE_FLAG, VERSION_FLAG } from "./global-flags.js";

/**
 * The hidden entry the completion scripts call: `smsc __complete <words after smsc…> <word being typed>`. It
 * prints one candidate a line, `value<TAB>description`, or the line `:file` when the shell should complete file
 * names. The candidates come from the same command and flag tables as the help.
 */
export const COMPLETE_ENTRY = "__complete";

/** The line that asks the shell to complete file names. */
export const FILE_DIRECTIVE = ":file";

/** The shells `smsc completion` writes a script for. */
export const SHELLS = ["bash", "zsh", "fish"] as const;
/** One of SHELLS. */
export type Shell = (typeof SHELLS)[number];

/** The flags a command's help lists (so the ones completion offers). */
export function helpFlags(c: Command): Flags {
  return c.offline
    ? { ...c.flags, ...OUTPUT_FLAGS }
    : { ...c.flags, ...CLIENT_FLAGS, ...VERBOSE_FLAG, ...OUTPUT_FLAGS };
}

/** Candidates for the last of `words` (the word being typed, "" for a new one), given the ones before it. */
export function completeWords(commands: ReadonlyMap<string, Command>, words: string[], env: Env): string[] {
  const cur = words.at(-1) ?? "";
  const typed = words.slice(0, -1);
  const offer = (list: Iterable<[string, string]>) =>
    [...list].filter(([v]) => v.startsWith(cur)).map(([v, d]) => `${v}\t${d}`);
  if (typed.length === 0) {
    if (cur.startsWith("-"))
      return offer([
        ["--help", OUTPUT_FLAGS.help.help],
        ["--version", VERSION_FLAG.version.help],
      ]);
    return offer([...commands.values()].map((c) => [c.name, c.summary]));
  }
  const command = commands.get(typed[0]!);
  if (!command) return [];
  const flags = helpFlags(command);
  const args = typed.slice(1);
  const prev = args.at(-1);
  const prevFlag = prev === undefined ? undefined : flagNamed(flags, prev);
  if (prevFlag?.[1].type === "string") return values(prevFlag[1], cur, env);
  if (prev === "--json" && command.fields && !cur.startsWith("-")) return jsonFields(command.fields, cur);
  if (cur.startsWith("-")) {
    const used = new Set(args.filter((a) => a.startsWith("-")).map((a) => flagNamed(flags, a)?.[0]));
    return offer(
      Object.entries(flags)
        .filter(([n, f]) => f.multiple || !used.has(n))
        .map(([n, f]) => [`--${n}`, f.help]),
    );
  }
  const positional = command.completePositional?.(positionals(flags, args));
  if (positional === "file") return [FILE_DIRECTIVE];
  return offer((positional ?? []).map((v) => [v, ""]));
}

/** A flag by how it was typed: `--to`, `-t`; `--to=x` is a flag with its value attached (no value to complete). */
function flagNamed(flags: Flags, word: string): [string, Flag] | undefined {
  if (word.startsWith("--") && !word.includes("=")) {
    const f = flags[word.slice(2)];
    return f ? [word.slice(2), f] : undefined;
  }
  if (/^-[^-]$/.test(word)) return Object.entries(flags).find(([, f]) => f.short === word[1]);
  return undefined;
}

function values(flag: Flag, cur: string, env: Env): string[] {
  if (flag.complete === "file") return [FILE_DIRECTIVE];
  const list = typeof flag.complete === "function" ? flag.complete(env) : (flag.complete ?? []);
  return list.filter((v) => v.startsWith(cur)).map((v) => `${v}\t`);
}

/** `--json id,c` → `id,cost`, `id,cnt`: the fields not yet in the list. */
function jsonFields(fields: readonly string[], cur: string): string[] {
  const comma = cur.lastIndexOf(",");
  const head = cur.slice(0, comma + 1);
  const have = new Set(head.split(",").filter(Boolean));
  const part = cur.slice(comma + 1);
  return fields.filter((f) => !have.has(f) && f.startsWith(part)).map((f) => `${head}${f}\t`);
}

/** The positional arguments among typed words: everything but flags and the values of string flags. */
function positionals(flags: Flags, args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") return [...out, ...args.slice(i + 1)];
    if (!a.startsWith("-") || a === "-") out.push(a);
    else if (flagNamed(flags, a)?.[1].type === "string") i++;
  }
  return out;
}

/** The completion script for a shell: a thin wrapper that asks `smsc __complete` for the candidates. */
export function completionScript(shell: Shell): string {
  return SCRIPTS[shell];
}

const SCRIPTS: Record<Shell, string> = {
  bash: `# bash completion for smsc, written by \`smsc completion bash\`.
# Load it with: source <(smsc completion bash)   (e.g. in ~/.bashrc), or save it as
# ~/.local/share/bash-completion/completions/smsc
_smsc_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" line file
  COMPREPLY=()
  while IFS= read -r line; do
    if [[ $line == "${FILE_DIRECTIVE}" ]]; then
      compopt -o filenames 2>/dev/null
      while IFS= read -r file; do COMPREPLY+=("$file"); done < <(compgen -f -- "$cur")
    elif [[ -n $line ]]; then
      COMPREPLY+=("\${line%%$'\\t'*}")
    fi
  done < <("\${COMP_WORDS[0]}" ${COMPLETE_ENTRY} "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
}
complete -F _smsc_complete smsc
`,
  zsh: `#compdef smsc
# zsh completion for smsc, written by \`smsc completion zsh\`.
# Save it as _smsc in a directory of $fpath (before compinit runs), or: source <(smsc completion zsh)
_smsc() {
  local -a lines described
  local line value description
  lines=("\${(@f)$("\${words[1]}" ${COMPLETE_ENTRY} "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  for line in "\${lines[@]}"; do
    if [[ $line == "${FILE_DIRECTIVE}" ]]; then
      _files
    elif [[ -n $line ]]; then
      value=\${\${line%%$'\\t'*}//:/\\\\:}
      description=\${line#*$'\\t'}
      [[ $line == *$'\\t'* && -n $description ]] && described+=("$value:$description") || described+=("$value")
    fi
  done
  (( \${#described} )) && _describe -t values smsc described
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _smsc "$@"
else
  compdef _smsc smsc
fi
`,
  fish: `# fish completion for smsc, written by \`smsc completion fish\`.
# Save it as ~/.config/fish/completions/smsc.fish, or: smsc completion fish | source
function __smsc_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct)
    for line in ($tokens[1] ${COMPLETE_ENTRY} $tokens[2..-1] "$current" 2>/dev/null)
        if test "$line" = "${FILE_DIRECTIVE}"
            __fish_complete_path "$current"
        else
            echo $line
        end
    end
end
complete -c smsc -f -a '(__smsc_complete)'
`,
};
