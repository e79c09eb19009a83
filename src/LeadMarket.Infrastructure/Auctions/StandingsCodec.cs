using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using LeadMarket.Domain.Auctions;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// The stored form of a lot's standings (they include hidden maxima: never serialize them to a client).
/// <para>
/// A hot lot has dozens of standings and its row is rewritten by every batch that decides on it, so the form is
/// compact: one array per standing, <c>["buyer id", amount, maximum, amount sequence, maximum sequence]</c>,
/// written and read without reflection. Rows written before this form (an array of objects with named members)
/// are still read.
/// </para>
/// </summary>
internal static class StandingsCodec
{
    private static readonly JsonSerializerOptions Legacy = new(JsonSerializerDefaults.Web);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? jsonWriter;

    public static ImmutableArray<Standing> Read(string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes);
        Expect(ref reader, JsonTokenType.StartArray);
        var standings = ImmutableArray.CreateBuilder<Standing>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                standings.Add(JsonSerializer.Deserialize<Standing>(ref reader, Legacy)
                    ?? throw new JsonException("A lot's stored standing is null."));
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"A lot's stored standing must be an array, not {reader.TokenType}.");
            }

            Expect(ref reader, JsonTokenType.String);
            var buyerId = reader.GetString()!;
            Expect(ref reader, JsonTokenType.Number);
            var amount = reader.GetDecimal();
            Expect(ref reader, JsonTokenType.Number);
            var maxAmount = reader.GetDecimal();
            Expect(ref reader, JsonTokenType.Number);
            var amountSequence = reader.GetInt64();
            Expect(ref reader, JsonTokenType.Number);
            var maxSequence = reader.GetInt64();
            Expect(ref reader, JsonTokenType.EndArray);
            standings.Add(new Standing(buyerId, amount, maxAmount, amountSequence, maxSequence));
        }

        return standings.ToImmutable();
    }

    public static string Write(ImmutableArray<Standing> standings)
    {
        var output = buffer ??= new ArrayBufferWriter<byte>(4096);
        output.ResetWrittenCount();
        var writer = jsonWriter ??= new Utf8JsonWriter(output);
        writer.Reset(output);
        writer.WriteStartArray();
        foreach (var s in standings)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(s.BuyerId);
            writer.WriteNumberValue(s.Amount);
            writer.WriteNumberValue(s.MaxAmount);
            writer.WriteNumberValue(s.AmountSequence);
            writer.WriteNumberValue(s.MaxSequence);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.Flush();

        return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"A lot's stored standings are malformed: expected {type} at byte {reader.TokenStartIndex}.");
        }
    }
}
