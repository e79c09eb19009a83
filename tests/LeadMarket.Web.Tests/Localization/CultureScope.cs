using System.Globalization;
using System.Text.RegularExpressions;

namespace LeadMarket.Web.Tests.Localization;

/// <summary>Renders (and formats) in one culture for a test's flow, as the request localization middleware sets it; restores on dispose.</summary>
internal sealed class CultureScope : IDisposable
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
    }
}

/// <summary>Checks that a German page kept none of its English words.</summary>
internal static class NoEnglishLeft
{
    public static void In(string markup, IEnumerable<string> english)
    {
        // Whole words: "Reserve" is English, "Reservepreis" is German.
        var left = english.Where(e => Regex.IsMatch(markup, $@"(?<!\w){Regex.Escape(e)}(?!\w)")).ToList();
        Assert.True(left.Count == 0, "English left on the German page: " + string.Join(", ", left.Select(e => $"\"{e}\"")));
    }
}
