using System.Text;
using Conclave.Domain.ConditionalAccess;

namespace Conclave.Fuzz.Targets;

/// <summary>
/// CIDR ranges of named locations and What If addresses, as an administrator's request brings them: parse without throwing; what parsed
/// writes a canonical text that parses to the same range, and contains its own network address.
/// </summary>
public sealed class IpRangeTarget : IFuzzTarget
{
    public string Name => "ip-range";

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Encoding.UTF8.GetString(data);
        if (IpRange.TryParseAddress(text, out var address) && (address is null || address.IsIPv4MappedToIPv6))
        {
            throw new InvalidOperationException("A parsed address must be there, and an IPv4-mapped one must come back as IPv4.");
        }

        if (!IpRange.TryParse(text, out var range, out var error))
        {
            if (string.IsNullOrEmpty(error))
            {
                throw new InvalidOperationException("A refused range must say why.");
            }

            return;
        }

        var canonical = range!.ToString();
        if (!IpRange.TryParse(canonical, out var again, out _) || !again!.Equals(range))
        {
            throw new InvalidOperationException($"The canonical text '{canonical}' does not parse to the same range.");
        }

        var network = System.Net.IPAddress.Parse(canonical[..canonical.IndexOf('/', StringComparison.Ordinal)]);
        if (!range.Contains(network))
        {
            throw new InvalidOperationException("A range must contain its network address.");
        }
    }
}
