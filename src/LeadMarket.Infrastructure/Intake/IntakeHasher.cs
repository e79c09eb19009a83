using System.Security.Cryptography;
using System.Text;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// Keyed hashes (HMAC-SHA256, lowercase hex) for the duplicate check and the idempotent row key, so the database
/// alone reveals nothing. The secret comes from <see cref="IntakeOptions.HashSecret"/> or, when unset, from a random
/// key file kept beside the Data Protection keys (shared by all nodes that share those; never in the repository).
/// </summary>
public sealed class IntakeHasher
{
    private const string FileName = "intake-hash.key";
    private readonly byte[] secret;

    public IntakeHasher(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length < 32)
        {
            throw new ArgumentException("The intake hash secret needs at least 32 bytes.", nameof(secret));
        }

        this.secret = secret;
    }

    /// <summary>The configured secret, else the key file in <paramref name="keyDirectory"/> (made on first use).</summary>
    public static IntakeHasher Create(string? configuredSecret, string keyDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredSecret))
        {
            return new IntakeHasher(Convert.FromBase64String(configuredSecret));
        }

        Directory.CreateDirectory(keyDirectory);
        var path = Path.Combine(keyDirectory, FileName);
        for (var attempt = 0; ; attempt++)
        {
            if (File.Exists(path))
            {
                var text = File.ReadAllText(path).Trim();
                if (text.Length > 0)
                {
                    return new IntakeHasher(Convert.FromBase64String(text));
                }
            }

            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                var bytes = RandomNumberGenerator.GetBytes(32);
                file.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes)));
                return new IntakeHasher(bytes);
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(50); // another node or process is writing it
            }
        }
    }

    /// <summary>The keyed hash of a value; null for an empty one (an empty value never matches).</summary>
    public string? Hash(string purpose, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var input = Encoding.UTF8.GetBytes(purpose + "\u001f" + value);
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, input));
    }

    public string? Email(string normalizedEmail) => Hash("email", normalizedEmail);

    public string? Phone(string e164) => Hash("phone", e164);
}
