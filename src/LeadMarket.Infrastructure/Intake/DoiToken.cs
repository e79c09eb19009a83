using System.Security.Cryptography;
using System.Text;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// The secret of a confirmation link: 32 random bytes, URL-safe. Only its SHA-256 is stored
/// (<see cref="Lead.ConfirmationTokenHash"/>), so the database alone cannot confirm anybody.
/// </summary>
public static class DoiToken
{
    /// <summary>Longer input is no token of ours (a caller-controlled size, bounded before hashing).</summary>
    public const int MaxLength = 64;

    public static string Create() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a token (hex SHA-256); null for input that cannot be a token.</summary>
    public static string? Hash(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return null;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
