using System.Collections.Immutable;
using System.Text.Json;
using LeadMarket.Domain.Auctions;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>The stored form of a lot's standings (they include hidden maxima: never serialize them to a client).</summary>
internal static class StandingsCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ImmutableArray<Standing> Read(string json) =>
        [.. JsonSerializer.Deserialize<List<Standing>>(json, Json) ?? []];

    public static string Write(ImmutableArray<Standing> standings) => JsonSerializer.Serialize(standings, Json);
}
