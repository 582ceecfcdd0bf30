/**
 * A python3 program that starts argv under a real pseudo-terminal and relays it to its own pipes:
 * what the program prints arrives on stdout, what is written to stdin reaches its keyboard.
 * Usage: spawn('python3', ['-c', PTY_RELAY, ...argv]).
 */
export const PTY_RELAY = `
import os, pty, select, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
keyboard = sys.stdin.fileno()
typing = True
while True:
    ready, _, _ = select.select([fd] + ([keyboard] if typing else []), [], [])
    if fd in ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            data = b''
        if not data:
            break
        os.write(1, data)
    if typing and keyboard in ready:
        data = os.read(keyboard, 4096)
        if data:
            os.write(fd, data)
        else:
            typing = False
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
`;

/** Terminal escape sequences, stripped before matching what the screen shows. */
export const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
