/* The inspect command (SPEC.md 1a): wrpcheck inspect [--format text|json] [--index N] FILE. */
#ifndef WRP_CLI_INSPECT_H
#define WRP_CLI_INSPECT_H

/* Runs the command on its arguments (argv without "inspect"); returns the exit status. */
int cli_inspect(int argc, char **argv);

#endif
