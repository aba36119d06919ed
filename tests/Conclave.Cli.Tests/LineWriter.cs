using System.Text;

namespace Conclave.Cli.Tests;

/// <summary>A writer for a verb that runs until cancelled (<c>chat watch</c>): the test waits for a line it prints.</summary>
internal sealed class LineWriter : TextWriter
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _current = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiting = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_lock)
        {
            if (value != '\n')
            {
                _current.Append(value);
                return;
            }

            var line = _current.ToString().TrimEnd('\r');
            _current.Clear();
            _lines.Add(line);
            foreach (var waiter in _waiting.Where(w => w.Match(line)).ToList())
            {
                _waiting.Remove(waiter);
                waiter.Found.TrySetResult(line);
            }
        }
    }

    /// <summary>The first line, printed already or to come, that matches.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        lock (_lock)
        {
            if (_lines.FirstOrDefault(match) is { } printed)
            {
                return Task.FromResult(printed);
            }

            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((match, found));
            return found.Task;
        }
    }
}
