using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Conclave.Server.Auth;

/// <summary>
/// Keeps the password grant's second factor out of the server's log. OpenIddict logs every token request
/// it extracts at Information, redacting only the parameters the OAuth specifications name as secret
/// (<c>password</c>, <c>client_secret</c>, <c>code</c>, …). The second factor travels in two parameters of
/// Conclave's own (<see cref="Totp"/>, <see cref="RecoveryCode"/>, docs/api.md) that it would print in
/// clear: this handler takes them out of the request as soon as it is extracted, before that log line,
/// and keeps them in the request's transaction for the token endpoint (<see cref="Read"/>).
/// </summary>
public sealed class SecondFactorParameters : IOpenIddictServerHandler<ExtractTokenRequestContext>
{
    public const string Totp = "totp";
    public const string RecoveryCode = "recovery_code";

    private const string PropertyPrefix = "conclave:second_factor:";

    /// <summary>Right after the ASP.NET Core host has read the form into the request.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseSingletonHandler<SecondFactorParameters>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<ExtractTokenRequestContext>.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request is not { } request)
        {
            return default;
        }

        foreach (var name in (string[])[Totp, RecoveryCode])
        {
            if (request.GetParameter(name) is { } value)
            {
                context.Transaction.Properties[PropertyPrefix + name] = (string?)value;
                request.RemoveParameter(name);
            }
        }

        return default;
    }

    /// <summary>The value of <paramref name="name"/> the token request carried, taken out by this handler.</summary>
    public static string? Read(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        var transaction = context.Features.Get<OpenIddictServerAspNetCoreFeature>()?.Transaction;
        return transaction is not null && transaction.Properties.TryGetValue(PropertyPrefix + name, out var value) ? value as string : null;
    }
}
