using Conclave.Contracts.Errors;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Schema;
using CsCheck;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Domain.Tests.Policies;

public class PolicyInputPropertyTests
{
    private static readonly Gen<PolicyParameter> AnyParameter =
        Gen.OneOf<PolicyParameter>([.. PolicyTypes.All.SelectMany(t => t.Parameters)]);

    private static readonly Gen<string> AnyInput = Gen.OneOf<string>(
        Gen.String,
        Gen.OneOf<string>([.. PolicyTypes.All.SelectMany(t => t.Parameters).SelectMany(p => p.AllowedValues)]),
        Gen.OneOf<string>("True", "$false", "0", "AllowAllKnownDomains", "a.example,b.example", "", " , ,", "x..y"));

    [Fact]
    public void TryParse_AnyInput_NeverThrowsAndFormatsBackToTheSameValue() =>
        Gen.Select(AnyParameter, AnyInput).Sample((parameter, input) =>
        {
            if (!parameter.TryParse(input, out var value, out var error))
            {
                return error is { Code: ErrorCodes.Policy.InvalidValue } && error.Message.Contains(parameter.Name, StringComparison.Ordinal);
            }

            return parameter.TryParse(parameter.Format(value), out var again, out _) && again == value;
        });

    [Fact]
    public void Set_AnyInput_AppliesAllOrNothing() =>
        Gen.Select(AnyParameter, AnyInput, AnyInput).Sample((parameter, first, second) =>
        {
            var directory = new PolicyDirectory(new FakeTimeProvider());
            var type = PolicyTypes.All.Single(t => t.Parameters.Contains(parameter));
            var other = type.Parameters[(parameter.Index + 1) % type.Parameters.Length];
            var before = directory.Get(type, "Global").Value.Values;
            var input = new Dictionary<string, string?> { [parameter.Name] = first };
            if (other != parameter)
            {
                input[other.Name] = second;
            }

            var result = directory.Set(type, "Global", input);
            var after = directory.Get(type, "Global").Value.Values;
            var firstOk = parameter.TryParse(first, out _, out _);
            var secondOk = other == parameter || other.TryParse(second, out _, out _);
            return result.IsSuccess == (firstOk && secondOk) && (result.IsSuccess || after.SequenceEqual(before));
        });
}
