using System.Globalization;

namespace CapMonster.Localization
{
    /// <summary>The two languages the module speaks, chosen from the UI culture.</summary>
    internal static class Language
    {
        /// <summary>True when the culture is Russian (any <c>ru*</c> culture); everything else gets English.</summary>
        internal static bool IsRussian(CultureInfo culture) =>
            string.Equals(culture.TwoLetterISOLanguageName, "ru", System.StringComparison.OrdinalIgnoreCase);

        /// <summary>Picks the text for the current UI culture.</summary>
        internal static string Pick(string english, string russian) => PickFor(CultureInfo.CurrentUICulture, english, russian);

        /// <summary>Picks the text for <paramref name="culture"/>.</summary>
        internal static string PickFor(CultureInfo culture, string english, string russian) =>
            IsRussian(culture) ? russian : english;
    }
}
