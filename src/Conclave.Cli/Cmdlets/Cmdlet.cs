using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets;

/// <summary>
/// An admin verb shaped like a Teams cmdlet. A new one is a small class: its name, its parameter table, the API
/// call it makes and the columns its table shows. <see cref="CmdletCatalog"/> finds every subclass.
/// </summary>
internal abstract class Cmdlet
{
    /// <summary>Verb-Noun, e.g. <c>New-CsUser</c>.</summary>
    public abstract string Name { get; }

    public abstract string Synopsis { get; }

    public abstract IReadOnlyList<CmdletParameter> Parameters { get; }

    /// <summary>Columns of the default table view, in order; null shows every scalar field.</summary>
    public virtual IReadOnlyList<string>? TableColumns => null;

    public abstract Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken);
}

/// <summary>What a cmdlet returns: an object or list to render, and an optional note for the person (stderr).</summary>
internal sealed record CmdletResult(object? Value, string? Notice = null)
{
    public static CmdletResult None(string notice) => new(null, notice);
}
