using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Directory;

/// <summary>A user principal name <c>local@domain</c>, kept lower-case so look-ups are exact.</summary>
public readonly record struct Upn
{
    private const int MaxLength = 254;

    private Upn(string value) => Value = value;

    public string Value { get; }

    public string Local => Value[..Value.IndexOf('@', StringComparison.Ordinal)];

    public string Domain => Value[(Value.IndexOf('@', StringComparison.Ordinal) + 1)..];

    public override string ToString() => Value;

    public static Result<Upn> Parse(string? text)
    {
        var error = new Error(ErrorCodes.Directory.InvalidUpn, "A UPN looks like name@domain.");
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return error;
        }

        var value = text.Trim().ToLowerInvariant();
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1)
        {
            return error;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '+' or '@' or '\''))
            {
                return error;
            }
        }

        var domain = value[(at + 1)..];
        if (domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal))
        {
            return error;
        }

        return new Upn(value);
    }
}
