using System;
using System.Globalization;

namespace CapMonster.Tests.Core
{
    /// <summary>Sets the current thread's UI culture for one test and restores it afterwards.</summary>
    internal sealed class UICultureScope : IDisposable
    {
        private readonly CultureInfo saved = CultureInfo.CurrentUICulture;

        internal UICultureScope(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = saved;
    }
}
