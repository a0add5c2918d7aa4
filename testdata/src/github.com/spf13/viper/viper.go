// Package viper is a stub of github.com/spf13/viper v1.21.0 for fixtures.
package viper

import "time"

type Viper struct{ defaults map[string]any }

var v = New()

func New() *Viper { return &Viper{defaults: map[string]any{}} }

func SetDefault(key string, value any)            { v.SetDefault(key, value) }
func (v *Viper) SetDefault(key string, value any) { v.defaults[key] = value }
func GetDuration(key string) time.Duration        { return v.GetDuration(key) }
func (v *Viper) GetDuration(key string) time.Duration {
	d, _ := v.defaults[key].(time.Duration)
	return d
}
func GetInt(key string) int { return v.GetInt(key) }
func (v *Viper) GetInt(key string) int {
	n, _ := v.defaults[key].(int)
	return n
}
func ReadInConfig() error            { return nil }
func (v *Viper) ReadInConfig() error { return nil }
