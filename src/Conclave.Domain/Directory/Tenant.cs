using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Directory;

/// <summary>The one organisation a Conclave server serves, named by its DNS domain.</summary>
public sealed record Tenant(string Domain)
{
    /// <summary>The bootstrap administrator's local part: <c>admin@domain</c>.</summary>
    public const string BootstrapAdminLocalPart = "admin";

    public Upn BootstrapAdmin => Upn.Parse($"{BootstrapAdminLocalPart}@{Domain}").Value;

    /// <summary>Checks a tenant domain: DNS labels of letters, digits and hyphens.</summary>
    public static Result<Tenant> Create(string? domain)
    {
        var error = new Error(ErrorCodes.Directory.InvalidDomain, $"'{domain}' is not a DNS domain name.");
        if (string.IsNullOrWhiteSpace(domain) || domain.Length > 253)
        {
            return error;
        }

        var value = domain.Trim().ToLowerInvariant();
        foreach (var label in value.Split('.'))
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-')
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return error;
            }
        }

        return new Tenant(value);
    }
}
