using System.Collections.Concurrent;
using System.Globalization;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadMarket.Web.Components.Auctions;

/// <summary>
/// The parts of a lot card that depend on nothing but the lot (its need, region, score, terms, price and times), as
/// ready HTML, rendered once per lot state on this node from <see cref="LotCardFace"/> and shared by every circuit
/// that shows the lot.
/// <para>
/// A busy room is watched by many buyers, and every circuit keeps each card's render tree for as long as the page is
/// open: a component keeps a buffer of at least 32 render frames (40 bytes each), and a second one once it has
/// rendered again. As markup, all of the card above its bid form is one frame in a circuit and one string on the node,
/// so a whole card, bid form included, fits in 32 frames (<see cref="LotCard"/>).
/// </para>
/// <para>
/// The countdown and the lead's age are written as they read when the state was rendered (the first render of it on
/// this node, which is when every circuit showing the lot renders it). wwwroot/js/room.js rewrites both in the browser
/// before the page is painted, and every second after; lots are rendered only by the interactive page, which runs it.
/// </para>
/// <para>
/// The words and amounts are the reader's (the current UI culture and culture, as the circuit's request set them):
/// a state is rendered once per lot and culture, so a German viewer never gets an English card and the other way
/// round, and every further viewer in that language shares it.
/// </para>
/// Every text from the lot is HTML-encoded by the renderer's encoder: the need is a publisher's free text.
/// </summary>
public sealed class LotCardMarkup : IDisposable
{
    /// <summary>More lots than this and the cache starts over (they are rebuilt on their next render).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<Key, Entry> entries = new();
    private readonly ConcurrentDictionary<CultureInfo, LotCardWords> words = new();

    // What the faces' renderers see: the texts of the cards (BidText, looked up in the current UI culture), and the
    // encoder of all shared markup (HtmlText).
    private readonly ServiceProvider services = new ServiceCollection()
        .AddSingleton(HtmlText.Encoder)
        .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
        .AddLocalization()
        .BuildServiceProvider();

    /// <summary>
    /// The card's shared parts for exactly this state of the lot in the current culture; <paramref name="now"/>
    /// writes its clocks.
    /// </summary>
    public LotCardParts For(LotView lot, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lot);

        // Record equality: another circuit's copy of the same state (read from the store or built from the same
        // event) in the same language finds the same parts; any changed value builds new ones.
        var key = new Key(lot.LotId, CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        if (entries.TryGetValue(key, out var known) && known.Lot == lot)
        {
            return known.Parts;
        }

        var parts = Build(lot, now);
        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        entries[key] = new Entry(lot, parts);
        return parts;
    }

    /// <summary>
    /// The bid form's fixed captions in the current UI culture, as markup made once per language: written in the card
    /// as text, each would take an element, its attributes and its text in every card's render tree.
    /// </summary>
    public LotCardWords Words() => words.GetOrAdd(CultureInfo.CurrentUICulture, _ =>
    {
        var text = services.GetRequiredService<IStringLocalizer<BidText>>();
        return new LotCardWords(
            Caption("bid-field-label", text["Card.YourBid"]),
            Caption("bid-field-label bid-field-maximum", text["Card.Maximum"]),
            new MarkupString(new System.Text.StringBuilder("<span class=\"bid-form-hint\">").Text(text["Card.MaximumHint"]).Append("</span>").ToString()));
    });

    private static MarkupString Caption(string cssClass, string caption) =>
        new(new System.Text.StringBuilder("<span class=\"").Append(cssClass).Append("\" aria-hidden=\"true\">").Text(caption).Append("</span>").ToString());

    /// <summary>
    /// Renders the three parts of one lot state. A renderer keeps every component it rendered until it is disposed,
    /// so each state gets a renderer of its own. Its dispatcher is free (nothing else uses it), so the work runs
    /// inline on the caller's thread, and the face renders synchronously: the task is complete when it returns.
    /// </summary>
    internal LotCardParts Build(LotView lot, DateTimeOffset now)
    {
        using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var rendering = renderer.Dispatcher.InvokeAsync(() => new LotCardParts(
            lot.LotId.ToString(),
            Render(renderer, lot, now, LotCardFacePart.Summary),
            Render(renderer, lot, now, LotCardFacePart.Minimum),
            Render(renderer, lot, now, LotCardFacePart.Currency)));
        if (!rendering.IsCompleted)
        {
            throw new InvalidOperationException("The lot card's face did not render synchronously.");
        }

        return rendering.GetAwaiter().GetResult();
    }

    private static MarkupString Render(HtmlRenderer renderer, LotView lot, DateTimeOffset now, LotCardFacePart part)
    {
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(LotCardFace.Lot)] = lot,
            [nameof(LotCardFace.Now)] = now,
            [nameof(LotCardFace.Part)] = part,
        });
        return new MarkupString(renderer.BeginRenderingComponent<LotCardFace>(parameters).ToHtmlString());
    }

    public void Dispose() => services.Dispose();

    /// <summary>What the score is made of, one factor a line (the score's tooltip), in the reader's language.</summary>
    internal static string FactorsText(int score, IEnumerable<ScoreFactor> factors, IStringLocalizer<BidText> text) =>
        string.Join("\n", factors.Select(f => text["Card.FactorLine", FactorName(f.Name, text), f.Points, f.MaxPoints].Value).Prepend(text["Card.Score", score]));

    // The scoring names its factors by stable keys (ScoreFactorNames: "doi", "phone", ...); leads scored before that
    // carry English names. A name neither knows stays as it is.
    private static string FactorName(string name, IStringLocalizer<BidText> text)
    {
        var byKey = text[$"Card.Factor.{name}"];
        if (!byKey.ResourceNotFound)
        {
            return byKey.Value;
        }

        return name switch
        {
            "Double opt-in confirmed" => text["Card.Factor.DoubleOptIn"],
            "Complete contact data" => text["Card.Factor.CompleteContact"],
            "Reachable email domain" => text["Card.Factor.ReachableEmail"],
            "Phone number given" => text["Card.Factor.PhoneGiven"],
            "Specific need" => text["Card.Factor.SpecificNeed"],
            _ => name,
        };
    }

    /// <summary>One lot in one language: the words' culture and the numbers' culture.</summary>
    private readonly record struct Key(Guid LotId, CultureInfo Texts, CultureInfo Formats);

    private sealed record Entry(LotView Lot, LotCardParts Parts);
}

/// <summary>The bid form's fixed captions in one language: the amount's and the maximum's (hidden from assistive technology, which reads the inputs' labels), and the maximum's hint.</summary>
public sealed record LotCardWords(MarkupString YourBidCaption, MarkupString MaximumCaption, MarkupString MaximumHint);

/// <summary>The part of a card's shared HTML that <see cref="LotCardFace"/> renders.</summary>
public enum LotCardFacePart
{
    /// <summary>Everything above the bid form.</summary>
    Summary,

    /// <summary>The currency sign after the bid's amount, with the minimum bid.</summary>
    Minimum,

    /// <summary>The currency sign alone (after the maximum).</summary>
    Currency,
}

/// <summary>
/// A card's shared parts: the lot's id as the card's attribute carries it; everything above the bid form (header with
/// the countdown or the outcome, the facts with the lead's age, the price row); for the bid form, the currency sign
/// after the amount with the minimum, and the currency sign alone (after the maximum).
/// </summary>
public sealed record LotCardParts(string Id, MarkupString Summary, MarkupString Minimum, MarkupString Currency);
