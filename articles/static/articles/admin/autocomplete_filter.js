'use strict';
// A list filter's autocomplete box: choosing a name (or clearing it) reloads the list filtered.
{
    const $ = django.jQuery;
    $(function() {
        $('.autocomplete-filter select').on('change', function() {
            const address = new URL(window.location.href);
            address.searchParams.delete(this.name);
            address.searchParams.delete('p');
            if (this.value) {
                address.searchParams.set(this.name, this.value);
            }
            window.location.assign(address.toString());
        });
    });
}
