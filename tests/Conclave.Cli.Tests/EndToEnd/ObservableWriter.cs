using System.Text;

namespace Conclave.Cli.Tests.EndToEnd;

/// <summary>A thread-safe text sink that a test can wait on ("tell me when the user code appears") without polling.</summary>
internal sealed class ObservableWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<string> Done)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value ?? "");

    public override void Write(char[] buffer, int index, int count) => Append(new string(buffer, index, count));

    public override string ToString()
    {
        lock (_text)
            return _text.ToString();
    }

    /// <summary>Completes with the text so far once <paramref name="predicate"/> holds, or fails after <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_text)
        {
            var now = _text.ToString();
            if (predicate(now))
                return now;
            _waiters.Add((predicate, done));
        }
        return await done.Task.WaitAsync(timeout);
    }

    private void Append(string value)
    {
        lock (_text)
        {
            _text.Append(value);
            var now = _text.ToString();
            foreach (var waiter in _waiters.Where(w => w.Predicate(now)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(now);
            }
        }
    }
}
