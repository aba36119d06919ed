namespace Conclave.Domain.Dlp;

/// <summary>The built-in sensitive information types, under Purview's names.</summary>
public static class SensitiveInfoTypes
{
    public static SensitiveInfoType CreditCardNumber { get; } = new CreditCardNumberType();

    public static SensitiveInfoType Iban { get; } = new IbanType();

    public static SensitiveInfoType UsSocialSecurityNumber { get; } = new UsSocialSecurityNumberType();

    public static SensitiveInfoType CanadaSocialInsuranceNumber { get; } = new CanadaSocialInsuranceNumberType();

    public static IReadOnlyList<SensitiveInfoType> BuiltIn { get; } =
        [CreditCardNumber, Iban, UsSocialSecurityNumber, CanadaSocialInsuranceNumber];
}
