using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace Conclave.Server.Sessions;

/// <summary>
/// Runs after OpenIddict has checked an access token's signature, lifetime and token entry: refuses
/// it when its principal may no longer act (<see cref="PrincipalState"/>). The request then fails
/// authentication (401, <c>invalid_token</c>) like any revoked token.
/// </summary>
internal sealed class AccessTokenStateHandler(PrincipalState state) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseScopedHandler<AccessTokenStateHandler>()
            .SetOrder(OpenIddictValidationHandlers.Protection.ValidateTokenEntry.Descriptor.Order + 1_000)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.IsRejected || context.Principal is null)
        {
            return;
        }

        var refusal = await state.CheckAsync(context.Principal, context.CancellationToken);
        if (refusal is not null)
        {
            context.Reject(Errors.InvalidToken, refusal.Message);
        }
    }
}
