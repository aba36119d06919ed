namespace Conclave.Fuzz;

/// <summary>
/// One parser under fuzzing. <see cref="Run"/> feeds the bytes to the parser the way the network
/// would; the parser must answer with its typed parse error and never throw. Any exception that
/// escapes <see cref="Run"/> is a crash.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>Name used on the command line and as the corpus folder under <c>fuzz/corpus/</c>.</summary>
    string Name { get; }

    void Run(ReadOnlySpan<byte> data);
}
