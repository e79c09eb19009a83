using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Leads;
using LeadMarket.Infrastructure.Auctions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadMarket.Web.Components.Auctions;

public partial class LotCard
{
    /// <summary>How long the "Extended" chip stays up after anti-sniping moved the end.</summary>
    public static readonly TimeSpan ExtendedChipTime = TimeSpan.FromSeconds(8);

    private bool showBids;

    [Parameter, EditorRequired]
    public required LotView Lot { get; set; }

    /// <summary>The page's clock: one timer per page ticks every card.</summary>
    [Parameter, EditorRequired]
    public required DateTimeOffset Now { get; set; }

    /// <summary>The viewer's own position; only ever their own.</summary>
    [Parameter]
    public MyLotPosition? Mine { get; set; }

    /// <summary>The viewer's alias on this lot, to mark their own bids in the history.</summary>
    [Parameter]
    public string? MyAlias { get; set; }

    [Parameter]
    public DateTimeOffset? ExtendedAt { get; set; }

    [Parameter]
    public IReadOnlyList<string> WinnerAliases { get; set; } = [];

    /// <summary>Recent bids, newest first; null until loaded.</summary>
    [Parameter]
    public IReadOnlyList<BidView>? Bids { get; set; }

    /// <summary>The history was opened and is not loaded yet.</summary>
    [Parameter]
    public EventCallback<Guid> OnBidsWanted { get; set; }

    /// <summary>What the viewer can do on an open lot (the bid form).</summary>
    [Parameter]
    public RenderFragment? Actions { get; set; }

    private bool IsClosed => Lot.Status == LotStatus.Closed;

    private bool RecentlyExtended => !IsClosed && ExtendedAt is { } at && Now - at < ExtendedChipTime;

    private string CardClass => Mine?.Status switch
    {
        MyLotStatus.Leading or MyLotStatus.Won => "lot-card lot-card-leading",
        MyLotStatus.Outbid => "lot-card lot-card-outbid",
        _ => IsClosed ? "lot-card lot-card-closed" : "lot-card",
    };

    private string CountdownClass => Lot.EndsAt - Now < TimeSpan.FromSeconds(15) ? "price countdown-urgent" : "price";

    private Color ScoreColor => Lot.Score switch
    {
        >= 75 => Color.Success,
        >= 50 => Color.Info,
        _ => Color.Default,
    };

    private string SaleModeText => Lot.SaleMode == SaleMode.Exclusive ? "Exclusive" : $"Shared {Lot.Shares}";

    private string BidCountText => Lot.BidCount == 1 ? "1 bid" : $"{Lot.BidCount} bids";

    private string SharesLeftText => (IsClosed, Lot.Shares) switch
    {
        (true, 1) => "",
        (true, _) => $"{Lot.Shares - Lot.SharesLeft} of {Lot.Shares} shares sold",
        (false, 1) => Lot.SharesLeft == 1 ? "1 share free" : "share taken",
        _ => $"{Lot.SharesLeft} of {Lot.Shares} shares free",
    };

    private IEnumerable<ScoreFactor> Factors => ParseFactors(Lot.ScoreFactors);

    /// <summary>Reads the stored factors ("Name:points/max;…").</summary>
    internal static IEnumerable<ScoreFactor> ParseFactors(string stored)
    {
        foreach (var part in stored.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.LastIndexOf(':');
            var slash = part.LastIndexOf('/');
            if (colon > 0 && slash > colon
                && int.TryParse(part.AsSpan(colon + 1, slash - colon - 1), out var points)
                && int.TryParse(part.AsSpan(slash + 1), out var max))
            {
                yield return new ScoreFactor(part[..colon], points, max);
            }
        }
    }

    internal static string Countdown(TimeSpan left)
    {
        if (left <= TimeSpan.Zero)
        {
            return "Closing…";
        }

        var whole = TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds));
        return whole.TotalDays >= 1 ? $"{(int)whole.TotalDays}d {whole.Hours}h"
            : whole.TotalHours >= 1 ? $"{(int)whole.TotalHours}:{whole.Minutes:00}:{whole.Seconds:00}"
            : $"{whole.Minutes}:{whole.Seconds:00}";
    }

    internal static string Age(TimeSpan age) =>
        age < TimeSpan.FromMinutes(1) ? "just now"
        : age < TimeSpan.FromHours(1) ? $"{(int)age.TotalMinutes} min old"
        : age < TimeSpan.FromDays(1) ? $"{(int)age.TotalHours} h old"
        : $"{(int)age.TotalDays} d old";

    internal static string StateText(MyLotStatus status) => status switch
    {
        MyLotStatus.Leading => "Leading",
        MyLotStatus.Outbid => "Outbid",
        MyLotStatus.Won => "Won",
        MyLotStatus.Lost => "Lost",
        _ => "",
    };

    private static Color StateColor(MyLotStatus status) => status switch
    {
        MyLotStatus.Leading or MyLotStatus.Won => Color.Success,
        MyLotStatus.Outbid => Color.Warning,
        _ => Color.Default,
    };

    private async Task ToggleBidsAsync()
    {
        showBids = !showBids;
        if (showBids && Bids is null)
        {
            await OnBidsWanted.InvokeAsync(Lot.LotId);
        }
    }
}
