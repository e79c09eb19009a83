using System.Security.Cryptography;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace LeadMarket.Domain.Auctions;

/// <summary>
/// The anonymous name a buyer shows under on one lot. It differs per lot, so aliases cannot be followed
/// across lots to learn who is buying what.
/// </summary>
public static class BidderAlias
{
    private static readonly string[] Animals =
        ["Otter", "Falcon", "Lynx", "Heron", "Badger", "Marten", "Ibex", "Puffin", "Orca", "Kestrel", "Bison", "Gecko", "Raven", "Stoat", "Tapir", "Wombat"];

    public static string For(Guid lotId, string buyerId)
    {
        Span<byte> hash = stackalloc byte[32];
        var longest = 33 + Encoding.UTF8.GetMaxByteCount(buyerId.Length); // 32 hex digits, ':' and the id
        Span<byte> input = longest <= 256 ? stackalloc byte[256] : new byte[longest];
        Utf8.TryWrite(input, CultureInfo.InvariantCulture, $"{lotId:N}:{buyerId}", out var written);
        SHA256.HashData(input[..written], hash);

        var animal = Animals[hash[0] % Animals.Length];
        return $"{animal} {((hash[1] << 16) | (hash[2] << 8) | hash[3]) % 10000:0000}";
    }
}
