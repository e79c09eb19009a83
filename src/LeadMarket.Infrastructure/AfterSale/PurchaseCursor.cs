using LeadMarket.Infrastructure.Intake;
using System.Buffers.Binary;
using System.Buffers.Text;

namespace LeadMarket.Infrastructure.AfterSale;

/// <summary>
/// A place in a buyer's purchases, which run in the total order (unlocked at, purchase id): either the start, or
/// just after one purchase. Callers see it only as an opaque text, the base64url of a small versioned payload
/// (version 1: one version byte, then nothing for the start, or the unlock time in Unix milliseconds and the
/// purchase id), so the form can change with a new version while issued cursors keep working.
/// </summary>
public readonly record struct PurchaseCursor
{
    private const byte Version1 = 1;
    private const int PositionLength = sizeof(long) + 16;
    private static readonly long MinMillis = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMillis = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private PurchaseCursor(long unlockedAtMillis, Guid purchaseId)
    {
        IsStart = false;
        UnlockedAtMillis = unlockedAtMillis;
        PurchaseId = purchaseId;
    }

    /// <summary>Before the oldest purchase.</summary>
    public static PurchaseCursor Start => new() { IsStart = true };

    public bool IsStart { get; private init; }

    /// <summary>When the last purchase passed was unlocked, in Unix milliseconds as stored.</summary>
    public long UnlockedAtMillis { get; }

    /// <summary>The id of the last purchase passed: orders purchases of the same millisecond.</summary>
    public Guid PurchaseId { get; }

    /// <summary>Just after the purchase unlocked at <paramref name="unlockedAt"/> with the id <paramref name="purchaseId"/>.</summary>
    public static PurchaseCursor After(DateTimeOffset unlockedAt, Guid purchaseId) => new(unlockedAt.ToUnixTimeMilliseconds(), purchaseId);

    public string Encode()
    {
        Span<byte> payload = stackalloc byte[1 + PositionLength];
        payload[0] = Version1;
        if (IsStart)
        {
            return Base64Url.EncodeToString(payload[..1]);
        }

        BinaryPrimitives.WriteInt64BigEndian(payload[1..], UnlockedAtMillis);
        PurchaseId.TryWriteBytes(payload[(1 + sizeof(long))..], bigEndian: true, out _);
        return Base64Url.EncodeToString(payload);
    }

    /// <summary>Reads a cursor this service issued; anything else (other text, another version, a bad length) is not one.</summary>
    public static bool TryDecode(string? text, out PurchaseCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return false;
        }

        Span<byte> payload = stackalloc byte[48];
        if (Base64Url.DecodeFromChars(text, payload, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != text.Length || written == 0 || payload[0] != Version1)
        {
            return false;
        }

        if (written == 1)
        {
            cursor = Start;
        }
        else if (written == 1 + PositionLength)
        {
            var millis = BinaryPrimitives.ReadInt64BigEndian(payload[1..]);
            if (millis < MinMillis || millis > MaxMillis)
            {
                return false;
            }

            cursor = new PurchaseCursor(millis, new Guid(payload.Slice(1 + sizeof(long), 16), bigEndian: true));
        }
        else
        {
            return false;
        }

        // Only the one spelling this service writes (no padding, no stray bits): a cursor is sent back unchanged.
        return cursor.Encode() == text;
    }
}
