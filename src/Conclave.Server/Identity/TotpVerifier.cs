using System.Security.Cryptography;
using Conclave.Server.Directory;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Identity;

/// <summary>
/// Checks a user's TOTP code and consumes its time step, so that no code is accepted twice
/// (RFC 6238 §5.2) on any path: the password grant, the sign-in page and enrolment confirmation.
/// </summary>
public sealed class TotpVerifier(UserManager<ConclaveUser> users, ConclaveDbContext db, TimeProvider time)
{
    /// <summary>
    /// RFC 6238 §5.2 recommends at most one time step of allowed network delay; one step either
    /// side also absorbs small clock drift of the authenticator.
    /// </summary>
    public const int AllowedSteps = 1;

    /// <summary>True once for a code of the user's authenticator whose time step is later than any accepted before.</summary>
    public async Task<bool> VerifyAsync(ConclaveUser user, string? text, CancellationToken cancellationToken)
    {
        if (!Totp.TryParseCode(text, out var code))
        {
            return false;
        }

        var secret = await users.GetAuthenticatorKeyAsync(user);
        if (secret is null || !Base32.TryDecode(secret, out var key) || key.Length == 0)
        {
            return false;
        }

        var now = Totp.TimeStepAt(time.GetUtcNow());
        long? matched = null;
        Span<byte> expected = stackalloc byte[4];
        Span<byte> given = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(given, code);
        for (var step = now - AllowedSteps; step <= now + AllowedSteps; step++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(expected, Totp.Code(key, step));
            if (CryptographicOperations.FixedTimeEquals(expected, given))
            {
                matched = step;
            }
        }

        CryptographicOperations.ZeroMemory(key);
        return matched is { } accepted && await ClaimAsync(user.Id, accepted, cancellationToken);
    }

    /// <summary>
    /// Records <paramref name="step"/> as the last accepted one unless that or a later step already
    /// was: one conditional statement, so two concurrent sign-ins with the same code cannot both win.
    /// </summary>
    private async Task<bool> ClaimAsync(string userId, long step, CancellationToken cancellationToken)
    {
        var records = db.Set<TotpStepRecord>();
        var advanced = await records
            .Where(r => r.UserId == userId && r.LastTimeStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LastTimeStep, step), cancellationToken);
        if (advanced == 1)
        {
            return true;
        }

        if (await records.AnyAsync(r => r.UserId == userId, cancellationToken))
        {
            return false;
        }

        var record = records.Add(new TotpStepRecord { UserId = userId, LastTimeStep = step });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another sign-in recorded a first step at the same moment: refuse rather than risk a replay.
            return false;
        }
        finally
        {
            record.State = EntityState.Detached;
        }
    }
}
