using System.Security.Cryptography;

namespace Conclave.Server.Identity;

/// <summary>Generated one-time passwords: 20 characters from an unambiguous alphabet (~114 bits).</summary>
public static class OneTimePassword
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 20);
}
