import type { Command } from "../command.js";
import { COMPLETE_ENTRY, completionScript, SHELLS, type Shell } from "../completion.js";
import { UsageError } from "../errors.js";
import { didYouMean } from "../suggest.js";

/** `smsc completion bash|zsh|fish`: prints a shell completion script. */
export const completion: Command = {
  name: "completion",
  summary: "print a shell completion script (bash, zsh, fish)",
  usage: SHELLS.join(" | "),
  flags: {},
  notes: `  bash: source <(smsc completion bash)             (in ~/.bashrc)
  zsh:  smsc completion zsh > "\${fpath[1]}/_smsc"   (or source <(smsc completion zsh) after compinit)
  fish: smsc completion fish > ~/.config/fish/completions/smsc.fish
The script asks \`smsc ${COMPLETE_ENTRY}\` for the words, so it knows every command, flag and value of this smsc.`,
  examples: ["smsc completion bash", "smsc completion zsh > ~/.zfunc/_smsc", "smsc completion fish | source"],
  offline: true,
  completePositional: (typed) => (typed.length === 0 ? SHELLS : []),
  // the script itself, also when stdout is not a terminal (`smsc completion bash > file`, `source <(…)`)
  async run({ positionals, io }) {
    const shell = positionals[0];
    if (shell === undefined) throw new UsageError(`completion needs a shell: ${SHELLS.join(", ")}`);
    if (!(SHELLS as readonly string[]).includes(shell))
      throw new UsageError(
        `no completion for "${shell}".${didYouMean(shell, SHELLS) || ` Shells: ${SHELLS.join(", ")}.`}`,
      );
    io.stdout.write(completionScript(shell as Shell));
    return undefined;
  },
  human: () => undefined,
};
